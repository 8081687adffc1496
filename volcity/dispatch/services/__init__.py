"""Every write of the order loop, one module per use case (see ``docs/dispatch.md``)."""
