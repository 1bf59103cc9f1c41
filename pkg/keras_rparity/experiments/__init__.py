"""The tutorial's experiments as Python ports, and their registry."""
