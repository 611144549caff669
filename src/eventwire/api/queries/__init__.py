"""What the API accepts in a query string, checked before anything reaches the database."""
