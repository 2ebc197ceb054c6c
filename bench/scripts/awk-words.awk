# awk-words.awk: word frequencies of the generated text, the 20 most
# frequent printed by a selection loop (busybox awk has no asort).
{ for (i = 1; i <= NF; i++) freq[$i]++ }
END {
    for (k = 0; k < 20; k++) {
        best = ""; n = -1
        for (w in freq) if (freq[w] > n || (freq[w] == n && w < best)) { best = w; n = freq[w] }
        print n, best
        delete freq[best]
    }
}
