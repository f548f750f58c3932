"""Subscribers and e-mail: double opt-in, preferences, daily digest and urgent alerts."""
