extensions = ["myst_parser", "parallel_edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
edition_original_lang = "French!"
edition_translation_lang = "en"
