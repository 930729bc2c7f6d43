"""The honours pages: the roll and the studios for the back office (staff), and a member's own
honours (portal)."""
