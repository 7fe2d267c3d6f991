/**
 * jlab serve's database: {@link jlab.web.db.Database} (H2 file or PostgreSQL,
 * Flyway migrations) and one small repository per table, in plain JDBC.
 */
package jlab.web.db;
