global using Tango.TestKit;
