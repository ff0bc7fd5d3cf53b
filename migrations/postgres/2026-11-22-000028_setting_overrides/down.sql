DROP TABLE setting_overrides;
