"""Permission-matrix rows, one module per area."""
