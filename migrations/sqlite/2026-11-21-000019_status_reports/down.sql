UPDATE communities SET modules = trim(replace(modules, 'status', ''));
DROP INDEX communities_reports_to;
ALTER TABLE communities DROP COLUMN reports_to_department_id;
DROP TABLE status_report_areas;
DROP TABLE status_reports;
