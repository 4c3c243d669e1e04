<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>LabRows</name>
        <message numerus="yes">
            <source>%n results</source>
            <translation>
                <numerusform>%n result</numerusform>
                <numerusform>%n results</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LabsView</name>
        <message numerus="yes">
            <source>Not charted: %n results in units that cannot be converted.</source>
            <translation>
                <numerusform>Not charted: %n result in units that cannot be converted.</numerusform>
                <numerusform>Not charted: %n results in units that cannot be converted.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OverviewView</name>
        <message numerus="yes">
            <source>See %n more in Labs</source>
            <translation>
                <numerusform>See %n more in Labs</numerusform>
                <numerusform>See %n more in Labs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>listed under %n names</source>
            <translation>
                <numerusform>listed under %n name</numerusform>
                <numerusform>listed under %n names</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewDialog</name>
        <message numerus="yes">
            <source>%n rows still to check: correct, accept with Enter, or untick.</source>
            <translation>
                <numerusform>%n row still to check: correct it, accept it with Enter, or untick it.</numerusform>
                <numerusform>%n rows still to check: correct, accept with Enter, or untick.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n results will be saved.</source>
            <translation>
                <numerusform>%n result will be saved.</numerusform>
                <numerusform>%n results will be saved.</numerusform>
            </translation>
        </message>
    </context>
</TS>
