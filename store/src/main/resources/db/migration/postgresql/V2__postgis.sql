-- PostgreSQL: PostGIS geometry (WGS84, SRID 4326) generated from the position columns, with GiST indexes, so
-- bounding-box and polygon queries (ST_Intersects, &&) use the spatial index and GIS tools can read the tables.
-- Creating the extension needs a superuser; where the platform's user is not one, a DBA runs
-- "CREATE EXTENSION postgis SCHEMA public" once and this line is a no-op.
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;

ALTER TABLE warning ADD COLUMN geom geometry(Point, 4326)
    GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon_deg, lat_deg), 4326)) STORED;
CREATE INDEX warning_by_position ON warning USING GIST (geom);

ALTER TABLE safety_event ADD COLUMN geom geometry(Point, 4326)
    GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon_deg, lat_deg), 4326)) STORED;
CREATE INDEX safety_event_by_position ON safety_event USING GIST (geom);

ALTER TABLE road_event ADD COLUMN bbox geometry(Polygon, 4326)
    GENERATED ALWAYS AS (ST_MakeEnvelope(min_lon_deg, min_lat_deg, max_lon_deg, max_lat_deg, 4326)) STORED;
CREATE INDEX road_event_by_area ON road_event USING GIST (bbox);
