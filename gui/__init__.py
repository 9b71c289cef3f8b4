"""The desktop window: Qt lives here and only here; it observes and drives the engine."""
