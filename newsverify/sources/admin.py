# The registry's admin (Source with its aliases) is in review/admin.py: its merge action moves
# review records, and the sources app imports nothing above it.
