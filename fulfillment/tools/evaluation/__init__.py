"""`emma eval dialogue`: a suite of shopper conversations whose expectations are checked against the shop's
own data (catalog, customers, policies, stores), never against sentences Emma is expected to say.

suite.py reads the YAML cases, facts.py reads the shop, checks.py and speakable.py judge each reply,
runner.py plays the cases through a TurnHandler, report.py scores them, command.py is the CLI part.
"""
