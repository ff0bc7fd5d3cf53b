//! Sums over the kept KPI days. Diesel's `sum` of a BIGINT column is NUMERIC on PostgreSQL,
//! which the query DSL cannot read back through both backends; a cast to BIGINT in SQL can.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Date;

use super::DbConnection;
use super::models::KpiDay;

/// Every community's kept activity of each day of `from` up to `to` (not including), added
/// up: one row per day that has any, under community 0 and without members.
pub fn organization_days(conn: &mut DbConnection, from: NaiveDate, to: NaiveDate) -> QueryResult<Vec<KpiDay>> {
    diesel::sql_query(
        "SELECT CAST(0 AS BIGINT) AS community_id, day, CAST(0 AS BIGINT) AS members, \
         CAST(0 AS BIGINT) AS joins, CAST(0 AS BIGINT) AS leaves, \
         CAST(SUM(posts) AS BIGINT) AS posts, CAST(SUM(comments) AS BIGINT) AS comments, \
         CAST(SUM(reactions) AS BIGINT) AS reactions, CAST(SUM(questions) AS BIGINT) AS questions, \
         CAST(SUM(tasks_done) AS BIGINT) AS tasks_done, CAST(SUM(reports) AS BIGINT) AS reports \
         FROM kpi_days WHERE day >= $1 AND day < $2 GROUP BY day",
    )
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .load(conn)
}
