# vegan anchor: betadisper + permutest (999) on an lsmat matrix, whole process.
# Arguments: matrix.tsv metadata.tsv [type], type "median" (vegan's default) or "centroid".
suppressMessages(library(vegan))
args <- commandArgs(trailingOnly = TRUE)
type <- if (length(args) >= 3) args[3] else "median"
m <- as.matrix(read.table(args[1], header = TRUE, row.names = 1, sep = "\t", check.names = FALSE))
md <- read.table(args[2], header = TRUE, sep = "\t", colClasses = "character")
g <- factor(md$group[match(rownames(m), md[[1]])])
set.seed(1)
print(permutest(betadisper(as.dist(m), g, type = type), permutations = 999)$tab[1, ])
