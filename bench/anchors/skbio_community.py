# scikit-bio anchor: PERMANOVA (999) or PCoA (fsvd, 10 axes) on a matrix stored as .npy + ids.
import sys
import numpy as np
from skbio import DistanceMatrix

what, npy, ids_path, groups_path = sys.argv[1:5]
ids = open(ids_path).read().split()
dm = DistanceMatrix(np.load(npy), ids, validate=False)
if what == "permanova":
    from skbio.stats.distance import permanova
    groups = open(groups_path).read().split()
    print(permanova(dm, groups, permutations=999)["p-value"])
else:
    from skbio.stats.ordination import pcoa
    print(pcoa(dm, method="fsvd", number_of_dimensions=10).eigvals[:3].tolist())
