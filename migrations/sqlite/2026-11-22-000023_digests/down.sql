DROP TABLE digest_deliveries;
DROP TABLE digest_mutes;
DROP TABLE mail_preferences;
