"""Reading and writing the formats analysts use; each reader yields a `RowTable` with places."""
