def mask_name(name: str) -> str:
    """张*明 / 李*: enough for a cashier to greet, not enough to look anyone up."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
