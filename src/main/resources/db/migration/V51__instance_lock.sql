-- H2 has no advisory locks: the instance that holds the gateway keeps a row lock on its name here, so that a second
-- bot process on the same H2 database (possible in H2's mixed mode) is told clearly that H2 is single-instance.
-- PostgreSQL uses advisory locks instead and never writes to this table.
CREATE TABLE instance_lock (
    name VARCHAR(64) NOT NULL PRIMARY KEY
);

INSERT INTO instance_lock (name) VALUES ('gateway');
