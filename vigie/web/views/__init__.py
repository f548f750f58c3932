"""The pages for people: one module per page family; ``page_urls`` maps the addresses."""
