# Untimed preparation: lsmat -> .npy + ids (what the scikit-bio anchors read).
import sys
import numpy as np
from skbio import DistanceMatrix

dm = DistanceMatrix.read(sys.argv[1])
np.save(sys.argv[2], dm.data)
open(sys.argv[3], "w").write("\n".join(dm.ids) + "\n")
