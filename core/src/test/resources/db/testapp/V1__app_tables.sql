-- An application's own first migration, for KeyTableIT.
CREATE TABLE app_things (id BIGINT PRIMARY KEY, name VARCHAR(100));
