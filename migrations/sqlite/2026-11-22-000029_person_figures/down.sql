DROP TABLE person_figure_permits;
