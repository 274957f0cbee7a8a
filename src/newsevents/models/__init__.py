"""Training commands for the models that ship in the package's data files."""
