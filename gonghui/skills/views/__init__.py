"""The skills pages by audience: the back office (training, contests, rewards) and the member's
phone (portal)."""
