"""Commission scoring, ranking and funding decisions; residents' votes."""
