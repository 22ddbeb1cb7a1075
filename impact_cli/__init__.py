"""The command line (``impact validate | check | report | save | export | list |
hash-password``): beside the domain (``impact``) and the database (``storage``), using
both, so that neither has to know the other."""
