"""Reports: appointment-prep PDF and sharing exports (no Qt)."""
