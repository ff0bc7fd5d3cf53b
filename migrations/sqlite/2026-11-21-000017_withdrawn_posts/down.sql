DROP INDEX posts_withdrawn;
