"""Arabic text utilities shared by every stage."""
