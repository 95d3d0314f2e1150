"""The build: project and configuration, build state, the steps, the runner, parallel runs and
status. May import every package below it: publish, qa, mt, po, source, lang."""
