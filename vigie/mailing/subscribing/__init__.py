"""Subscribing: the pages to subscribe, confirm, manage one's preferences and data, and leave;
their forms, the communes a reader may choose, the signed tokens of their links, and the
limits on requests that send e-mail."""
