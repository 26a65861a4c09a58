"""Running the site: backups and restores, the health check, the servers' own error pages."""
