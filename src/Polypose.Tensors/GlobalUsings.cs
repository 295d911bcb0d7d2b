// Generic math (IFloatingPointIeee754<T>) is used throughout the float32/float64 op bodies.
global using System.Numerics;
