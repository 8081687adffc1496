"""Volunteer City: the domain apps."""
