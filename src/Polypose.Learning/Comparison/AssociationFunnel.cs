namespace Polypose.Learning.Comparison;

/// <summary>
/// Counts where an assigner loses the true pairs of each frame (<see cref="FunnelReport"/>), from what it built
/// (<see cref="FunnelFrame"/>) and the true person of every detection (<c>identities[v][d]</c>, −1 = distractor).
/// A person with more than one detection in a view is counted by its first. Not thread-safe.
/// </summary>
public sealed class AssociationFunnel(string name)
{
    private int _frames, _truePairs, _notANode, _slotsFull, _merged, _noPeak, _graph, _score, _decoder, _mapping;
    private int _outTrue, _outFalse, _people, _fullInGraph, _fullEligible, _full, _partial, _mixed, _none, _eligibleLost;
    private int _distractors, _distractorsAccepted, _massCount, _massAcceptedCount;
    private double _massSum, _massAcceptedSum;

    /// <summary>Adds one frame.</summary>
    public void Add(FunnelFrame frame, IReadOnlyList<int[]> identities)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(identities);
        var views = identities.Count;
        if (frame.NodeOf.Count != views || frame.Eligible.Count != frame.Edges.Count)
        {
            throw new ArgumentException($"frame has {frame.NodeOf.Count} views of nodes and {frame.Eligible.Count} eligibility flags for {frame.Edges.Count} edges; identities have {views} views");
        }

        _frames++;

        // The detection of each person per view (first one), and each person's views.
        var people = new SortedDictionary<int, int[]>();
        for (var v = 0; v < views; v++)
        {
            for (var d = 0; d < identities[v].Length; d++)
            {
                var id = identities[v][d];
                if (id < 0)
                {
                    if (frame.NodeOf[v][d] >= 0)
                    {
                        _distractors++;
                        _distractorsAccepted += frame.Accepted.Any(e => frame.Edges[e][v] == frame.NodeOf[v][d]) ? 1 : 0;
                    }

                    continue;
                }

                if (!people.TryGetValue(id, out var dets))
                {
                    dets = [.. Enumerable.Repeat(-1, views)];
                    people[id] = dets;
                }

                if (dets[v] < 0)
                {
                    dets[v] = d;
                }
            }
        }

        var inGroup = new Dictionary<(int View, int Detection), int>();
        for (var g = 0; g < frame.Groups.Count; g++)
        {
            for (var v = 0; v < views; v++)
            {
                if (frame.Groups[g][v] >= 0)
                {
                    inGroup[(v, frame.Groups[g][v])] = g;
                }
            }
        }

        foreach (var dets in people.Values)
        {
            CountPairs(frame, dets, inGroup);
            CountPerson(frame, dets);
        }

        foreach (var group in frame.Groups)
        {
            for (var a = 0; a < views; a++)
            {
                for (var b = a + 1; b < views; b++)
                {
                    if (group[a] >= 0 && group[b] >= 0)
                    {
                        int ia = identities[a][group[a]], ib = identities[b][group[b]];
                        if (ia >= 0 && ia == ib)
                        {
                            _outTrue++;
                        }
                        else
                        {
                            _outFalse++;
                        }
                    }
                }
            }
        }
    }

    private void CountPairs(FunnelFrame frame, int[] dets, Dictionary<(int View, int Detection), int> inGroup)
    {
        var views = dets.Length;
        for (var a = 0; a < views; a++)
        {
            for (var b = a + 1; b < views; b++)
            {
                if (dets[a] < 0 || dets[b] < 0)
                {
                    continue;
                }

                _truePairs++;
                int na = frame.NodeOf[a][dets[a]], nb = frame.NodeOf[b][dets[b]];
                if (na < 0 || nb < 0)
                {
                    switch (na < 0 ? na : nb)
                    {
                        case FunnelFrame.SlotsFull: _slotsFull++; break;
                        case FunnelFrame.Merged: _merged++; break;
                        case FunnelFrame.NoPeak: _noPeak++; break;
                        default: _notANode++; break;
                    }

                    continue;
                }

                bool any = false, eligible = false, accepted = false;
                for (var e = 0; e < frame.Edges.Count; e++)
                {
                    if (frame.Edges[e][a] == na && frame.Edges[e][b] == nb)
                    {
                        any = true;
                        eligible |= frame.Eligible[e];
                    }
                }

                foreach (var e in frame.Accepted)
                {
                    accepted |= frame.Edges[e][a] == na && frame.Edges[e][b] == nb;
                }

                var output = inGroup.TryGetValue((a, dets[a]), out var ga) && inGroup.TryGetValue((b, dets[b]), out var gb) && ga == gb;
                if (!any)
                {
                    _graph++;
                }
                else if (!eligible)
                {
                    _score++;
                }
                else if (!accepted)
                {
                    _decoder++;
                }
                else if (!output)
                {
                    _mapping++;
                }
            }
        }
    }

    private void CountPerson(FunnelFrame frame, int[] dets)
    {
        var views = dets.Length;
        if (dets.Count(d => d >= 0) < 2)
        {
            return;
        }

        var full = new int[views];
        for (var v = 0; v < views; v++)
        {
            full[v] = dets[v] >= 0 && frame.NodeOf[v][dets[v]] >= 0 ? frame.NodeOf[v][dets[v]] : -1;
        }

        if (full.Count(n => n >= 0) < 2)
        {
            return;
        }

        _people++;
        var fullEdge = -1;
        for (var e = 0; e < frame.Edges.Count && fullEdge < 0; e++)
        {
            if (frame.Edges[e].AsSpan().SequenceEqual(full))
            {
                fullEdge = e;
            }
        }

        var fullEligible = fullEdge >= 0 && frame.Eligible[fullEdge];
        _fullInGraph += fullEdge >= 0 ? 1 : 0;
        _fullEligible += fullEligible ? 1 : 0;
        if (fullEdge >= 0 && frame.Masses is { } masses)
        {
            _massSum += masses[fullEdge];
            _massCount++;
        }

        bool touched = false, mixed = false, whole = false;
        foreach (var e in frame.Accepted)
        {
            var edge = frame.Edges[e];
            var mine = Enumerable.Range(0, views).Any(v => full[v] >= 0 && edge[v] == full[v]);
            if (!mine)
            {
                continue;
            }

            touched = true;
            whole |= e == fullEdge;
            mixed |= Enumerable.Range(0, views).Any(v => edge[v] >= 0 && edge[v] != full[v]);
        }

        if (whole)
        {
            _full++;
            if (frame.Masses is { } m)
            {
                _massAcceptedSum += m[fullEdge];
                _massAcceptedCount++;
            }
        }
        else if (mixed)
        {
            _mixed++;
        }
        else if (touched)
        {
            _partial++;
        }
        else
        {
            _none++;
        }

        _eligibleLost += fullEligible && !whole ? 1 : 0;
    }

    /// <summary>The counts so far.</summary>
    public FunnelReport Compute() => new(
        name, _frames, _truePairs, _notANode, _slotsFull, _merged, _noPeak, _graph, _score, _decoder, _mapping, _outTrue, _outFalse,
        _people, _fullInGraph, _fullEligible, _full, _partial, _mixed, _none, _eligibleLost,
        _massCount > 0 ? _massSum / _massCount : null, _massAcceptedCount > 0 ? _massAcceptedSum / _massAcceptedCount : null,
        _distractors, _distractorsAccepted);
}
