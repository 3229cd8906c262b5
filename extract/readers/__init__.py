"""Readers: the input end of the flow. Paths (text files, saved web pages) and the metadata
beside them become Documents; bad input becomes one InputError line."""
