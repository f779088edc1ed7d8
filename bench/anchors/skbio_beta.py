# scikit-bio anchor: a table (BIOM) -> distance matrix (lsmat), whole process.
import sys
import biom
from skbio.diversity import beta_diversity

table = biom.load_table(sys.argv[1])
counts = table.matrix_data.T.toarray()
dm = beta_diversity(sys.argv[2], counts, list(table.ids()))
dm.write(sys.argv[3])
