"""The party's organisation tree (organization/tree.py) and its members."""

# A member still in the party, to whom care, honours and the yearly rosters apply (a probationary
# member is a member; one transferred out or deceased is not). SQL literals keep the same two.
ACTIVE_MEMBER_STATUSES = ("Probationary", "Full")
