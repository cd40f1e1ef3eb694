-- H2: no PostGIS; positions are filtered by latitude/longitude ranges on plain B-tree indexes.
CREATE INDEX warning_by_position ON warning (lat_deg, lon_deg);
CREATE INDEX safety_event_by_position ON safety_event (lat_deg, lon_deg);
