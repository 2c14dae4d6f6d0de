extensions = ["myst_parser", "parallel_edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
