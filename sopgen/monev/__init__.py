"""Monitoring and evaluation (Monev SOP AP): the forms, reading them back, the recap and its history."""
