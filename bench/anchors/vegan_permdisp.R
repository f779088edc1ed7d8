# vegan anchor: betadisper + permutest (999) on an lsmat matrix, whole process.
suppressMessages(library(vegan))
args <- commandArgs(trailingOnly = TRUE)
m <- as.matrix(read.table(args[1], header = TRUE, row.names = 1, sep = "\t", check.names = FALSE))
md <- read.table(args[2], header = TRUE, sep = "\t", colClasses = "character")
g <- factor(md$group[match(rownames(m), md[[1]])])
set.seed(1)
print(permutest(betadisper(as.dist(m), g), permutations = 999)$tab[1, ])
