/* 17-lists-trees: pointer-chasing data structures on the guest heap — a
 * singly linked list (build, reverse, merge sort), a doubly linked list with
 * removals, an unbalanced binary search tree (insert, search, in-order walk,
 * height, delete) and a hash table with chaining. Only values and counts are
 * printed, never addresses. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };
struct dnode { int v; struct dnode *prev, *next; };
struct tree { int key; int count; struct tree *l, *r; };

static unsigned seed = 7;
static int rnd(int n) { seed = seed * 1103515245u + 12345u; return (int)((seed >> 16) % (unsigned)n); }

static struct node *push(struct node *h, int v)
{
    struct node *n = malloc(sizeof *n);
    n->v = v; n->next = h;
    return n;
}

static struct node *reverse(struct node *h)
{
    struct node *p = NULL;
    while (h) { struct node *n = h->next; h->next = p; p = h; h = n; }
    return p;
}

static struct node *merge(struct node *a, struct node *b)
{
    struct node head, *t = &head;
    while (a && b) {
        if (a->v <= b->v) { t->next = a; a = a->next; }
        else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static struct node *msort(struct node *h)
{
    if (!h || !h->next) return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *b = slow->next;
    slow->next = NULL;
    return merge(msort(h), msort(b));
}

static struct tree *insert(struct tree *t, int k)
{
    if (!t) {
        t = calloc(1, sizeof *t);
        t->key = k; t->count = 1;
        return t;
    }
    if (k < t->key) t->l = insert(t->l, k);
    else if (k > t->key) t->r = insert(t->r, k);
    else t->count++;
    return t;
}

static struct tree *delete(struct tree *t, int k)
{
    if (!t) return NULL;
    if (k < t->key) t->l = delete(t->l, k);
    else if (k > t->key) t->r = delete(t->r, k);
    else {
        if (!t->l || !t->r) {
            struct tree *c = t->l ? t->l : t->r;
            free(t);
            return c;
        }
        struct tree *m = t->r;
        while (m->l) m = m->l;
        t->key = m->key; t->count = m->count;
        m->count = 1;
        t->r = delete(t->r, m->key);
    }
    return t;
}

static int height(struct tree *t)
{
    if (!t) return 0;
    int a = height(t->l), b = height(t->r);
    return 1 + (a > b ? a : b);
}

static int printed;
static unsigned walk_hash;
static void walk(struct tree *t)
{
    if (!t) return;
    walk(t->l);
    walk_hash = walk_hash * 31 + (unsigned)t->key * 7 + (unsigned)t->count;
    if (printed++ < 15) printf(" %d", t->key);
    walk(t->r);
}

static void free_tree(struct tree *t) { if (t) { free_tree(t->l); free_tree(t->r); free(t); } }

int main(void)
{
    struct node *h = NULL;
    for (int i = 0; i < 5000; i++) h = push(h, rnd(100000));
    h = reverse(h);
    printf("list head after reverse: %d %d %d\n", h->v, h->next->v, h->next->next->v);
    h = msort(h);
    int ok = 1, n = 0;
    long long sum = 0;
    for (struct node *p = h; p; p = p->next, n++) {
        if (p->next && p->v > p->next->v) ok = 0;
        sum += p->v;
    }
    printf("msort n=%d sorted=%d min=%d sum=%lld\n", n, ok, h->v, sum);
    while (h) { struct node *x = h->next; free(h); h = x; }

    /* doubly linked ring with sentinel; delete every third */
    struct dnode s = { -1, &s, &s };
    for (int i = 0; i < 100; i++) {
        struct dnode *d = malloc(sizeof *d);
        d->v = i; d->prev = s.prev; d->next = &s;
        s.prev->next = d; s.prev = d;
    }
    int k = 0;
    for (struct dnode *d = s.next; d != &s;) {
        struct dnode *nx = d->next;
        if (k++ % 3 == 0) { d->prev->next = d->next; d->next->prev = d->prev; free(d); }
        d = nx;
    }
    printf("dlist backwards:");
    k = 0;
    for (struct dnode *d = s.prev; d != &s && k < 12; d = d->prev, k++) printf(" %d", d->v);
    putchar('\n');

    struct tree *t = NULL;
    for (int i = 0; i < 20000; i++) t = insert(t, rnd(5000));
    printf("tree height=%d in-order:", height(t));
    walk(t);
    printf(" ... hash=%08x\n", walk_hash);
    for (int i = 0; i < 5000; i += 2) t = delete(t, i);
    printed = 0; walk_hash = 0;
    printf("after deleting evens height=%d:", height(t));
    walk(t);
    printf(" ... hash=%08x\n", walk_hash);
    free_tree(t);

    /* hash table with chaining: word counts */
    enum { B = 97 };
    struct entry { unsigned key; int n; struct entry *next; } *tab[B] = { 0 };
    for (int i = 0; i < 30000; i++) {
        unsigned key = (unsigned)rnd(1000) * 2654435761u;
        struct entry **pp = &tab[key % B];
        while (*pp && (*pp)->key != key) pp = &(*pp)->next;
        if (!*pp) { *pp = calloc(1, sizeof **pp); (*pp)->key = key; }
        (*pp)->n++;
    }
    int entries = 0, maxn = 0, longest = 0;
    for (int b = 0; b < B; b++) {
        int chain = 0;
        for (struct entry *e = tab[b]; e; e = e->next) {
            entries++; chain++;
            if (e->n > maxn) maxn = e->n;
        }
        if (chain > longest) longest = chain;
    }
    printf("hash entries=%d max count=%d longest chain=%d\n", entries, maxn, longest);
    return 0;
}
