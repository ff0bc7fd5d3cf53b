DROP TABLE notification_mutes;
