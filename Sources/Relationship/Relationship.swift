/// Contacts, segments, criteria and interactions, kept in an embedded SQLite store.
public enum Relationship {}
