"""Culture's pages by audience: the member's (portal), venue staff and the back office
(staff), and the catalogue editing pages (manage)."""
