"""A small generated demo district (the spine's generator), for the modules' demo tests."""

from gonghui.accounts.models import User
from gonghui.demo.spine import Generator, create_accounts


def small_demo_district(scale: float = 0.01, seed: int = 7) -> User:
    """Generates the tree, units, members and staff accounts; returns the district's clerk."""
    generator = Generator(scale=scale, seed=seed)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    generator.save_members(drafts, generator.save_units(drafts))
    create_accounts(district, streets, unions)
    return User.objects.get(username="district")
