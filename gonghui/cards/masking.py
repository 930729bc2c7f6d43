from gonghui.lib.masking import mask_name

__all__ = ["mask_name"]
