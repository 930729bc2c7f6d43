"""The competitions' pages by audience: the back office (staff, teams), the team's reporter on
a phone (portal) and the public progress wall (public, no login)."""
